# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'payer_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QGridLayout, QGroupBox,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QSpinBox, QVBoxLayout, QWidget)

class Ui_PayerDialog(object):
    def setupUi(self, PayerDialog):
        if not PayerDialog.objectName():
            PayerDialog.setObjectName(u"PayerDialog")
        PayerDialog.resize(720, 520)
        self.mainLayout = QVBoxLayout(PayerDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(PayerDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.errorLabel = QLabel(PayerDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.payerGroup = QGroupBox(PayerDialog)
        self.payerGroup.setObjectName(u"payerGroup")
        self.payerGrid = QGridLayout(self.payerGroup)
        self.payerGrid.setObjectName(u"payerGrid")
        self.payerGrid.setHorizontalSpacing(10)
        self.payerGrid.setVerticalSpacing(8)
        self.nameLabel = QLabel(self.payerGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.payerGrid.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(self.payerGroup)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(60)

        self.payerGrid.addWidget(self.nameEdit, 0, 1, 1, 3)

        self.planTypeLabel = QLabel(self.payerGroup)
        self.planTypeLabel.setObjectName(u"planTypeLabel")

        self.payerGrid.addWidget(self.planTypeLabel, 1, 0, 1, 1)

        self.planTypeCombo = QComboBox(self.payerGroup)
        self.planTypeCombo.setObjectName(u"planTypeCombo")

        self.payerGrid.addWidget(self.planTypeCombo, 1, 1, 1, 1)

        self.submissionLabel = QLabel(self.payerGroup)
        self.submissionLabel.setObjectName(u"submissionLabel")

        self.payerGrid.addWidget(self.submissionLabel, 1, 2, 1, 1)

        self.submissionCombo = QComboBox(self.payerGroup)
        self.submissionCombo.setObjectName(u"submissionCombo")

        self.payerGrid.addWidget(self.submissionCombo, 1, 3, 1, 1)

        self.ediIdLabel = QLabel(self.payerGroup)
        self.ediIdLabel.setObjectName(u"ediIdLabel")

        self.payerGrid.addWidget(self.ediIdLabel, 2, 0, 1, 1)

        self.ediIdEdit = QLineEdit(self.payerGroup)
        self.ediIdEdit.setObjectName(u"ediIdEdit")
        self.ediIdEdit.setMaxLength(15)

        self.payerGrid.addWidget(self.ediIdEdit, 2, 1, 1, 1)

        self.filingSpinLabel = QLabel(self.payerGroup)
        self.filingSpinLabel.setObjectName(u"filingSpinLabel")

        self.payerGrid.addWidget(self.filingSpinLabel, 2, 2, 1, 1)

        self.filingSpin = QSpinBox(self.payerGroup)
        self.filingSpin.setObjectName(u"filingSpin")
        self.filingSpin.setMinimum(1)
        self.filingSpin.setMaximum(1095)
        self.filingSpin.setValue(365)

        self.payerGrid.addWidget(self.filingSpin, 2, 3, 1, 1)

        self.referringCheck = QCheckBox(self.payerGroup)
        self.referringCheck.setObjectName(u"referringCheck")
        self.referringCheck.setChecked(False)

        self.payerGrid.addWidget(self.referringCheck, 3, 1, 1, 1)

        self.assignmentCheck = QCheckBox(self.payerGroup)
        self.assignmentCheck.setObjectName(u"assignmentCheck")
        self.assignmentCheck.setChecked(True)

        self.payerGrid.addWidget(self.assignmentCheck, 3, 3, 1, 1)

        self.payerGrid.setColumnStretch(1, 1)
        self.payerGrid.setColumnStretch(3, 1)

        self.mainLayout.addWidget(self.payerGroup)

        self.addressGroup = QGroupBox(PayerDialog)
        self.addressGroup.setObjectName(u"addressGroup")
        self.addressGrid = QGridLayout(self.addressGroup)
        self.addressGrid.setObjectName(u"addressGrid")
        self.addressGrid.setHorizontalSpacing(10)
        self.addressGrid.setVerticalSpacing(8)
        self.line1Label = QLabel(self.addressGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.addressGrid.addWidget(self.line1Label, 0, 0, 1, 1)

        self.line1Edit = QLineEdit(self.addressGroup)
        self.line1Edit.setObjectName(u"line1Edit")
        self.line1Edit.setMaxLength(55)

        self.addressGrid.addWidget(self.line1Edit, 0, 1, 1, 3)

        self.line2Label = QLabel(self.addressGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.addressGrid.addWidget(self.line2Label, 1, 0, 1, 1)

        self.line2Edit = QLineEdit(self.addressGroup)
        self.line2Edit.setObjectName(u"line2Edit")
        self.line2Edit.setMaxLength(55)

        self.addressGrid.addWidget(self.line2Edit, 1, 1, 1, 3)

        self.cityLabel = QLabel(self.addressGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.addressGrid.addWidget(self.cityLabel, 2, 0, 1, 1)

        self.cityEdit = QLineEdit(self.addressGroup)
        self.cityEdit.setObjectName(u"cityEdit")
        self.cityEdit.setMaxLength(30)

        self.addressGrid.addWidget(self.cityEdit, 2, 1, 1, 1)

        self.stateLabel = QLabel(self.addressGroup)
        self.stateLabel.setObjectName(u"stateLabel")

        self.addressGrid.addWidget(self.stateLabel, 2, 2, 1, 1)

        self.stateEdit = QLineEdit(self.addressGroup)
        self.stateEdit.setObjectName(u"stateEdit")
        self.stateEdit.setMaxLength(2)

        self.addressGrid.addWidget(self.stateEdit, 2, 3, 1, 1)

        self.zipLabel = QLabel(self.addressGroup)
        self.zipLabel.setObjectName(u"zipLabel")

        self.addressGrid.addWidget(self.zipLabel, 3, 0, 1, 1)

        self.zipEdit = QLineEdit(self.addressGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaxLength(10)

        self.addressGrid.addWidget(self.zipEdit, 3, 1, 1, 1)

        self.phoneLabel = QLabel(self.addressGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.addressGrid.addWidget(self.phoneLabel, 3, 2, 1, 1)

        self.phoneEdit = QLineEdit(self.addressGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(16)

        self.addressGrid.addWidget(self.phoneEdit, 3, 3, 1, 1)

        self.addressGrid.setColumnStretch(1, 1)
        self.addressGrid.setColumnStretch(3, 1)

        self.mainLayout.addWidget(self.addressGroup)

        self.bottomSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttons = QDialogButtonBox(PayerDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.planTypeLabel.setBuddy(self.planTypeCombo)
        self.submissionLabel.setBuddy(self.submissionCombo)
        self.ediIdLabel.setBuddy(self.ediIdEdit)
        self.filingSpinLabel.setBuddy(self.filingSpin)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.stateLabel.setBuddy(self.stateEdit)
        self.zipLabel.setBuddy(self.zipEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.planTypeCombo)
        QWidget.setTabOrder(self.planTypeCombo, self.submissionCombo)
        QWidget.setTabOrder(self.submissionCombo, self.ediIdEdit)
        QWidget.setTabOrder(self.ediIdEdit, self.filingSpin)
        QWidget.setTabOrder(self.filingSpin, self.referringCheck)
        QWidget.setTabOrder(self.referringCheck, self.assignmentCheck)
        QWidget.setTabOrder(self.assignmentCheck, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.stateEdit)
        QWidget.setTabOrder(self.stateEdit, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.buttons)

        self.retranslateUi(PayerDialog)

        QMetaObject.connectSlotsByName(PayerDialog)
    # setupUi

    def retranslateUi(self, PayerDialog):
        PayerDialog.setWindowTitle(QCoreApplication.translate("PayerDialog", u"Payer", None))
        self.titleLabel.setText(QCoreApplication.translate("PayerDialog", u"Payer", None))
        self.payerGroup.setTitle(QCoreApplication.translate("PayerDialog", u"Payer", None))
        self.nameLabel.setText(QCoreApplication.translate("PayerDialog", u"&Name", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("PayerDialog", u"as printed on claims", None))
        self.planTypeLabel.setText(QCoreApplication.translate("PayerDialog", u"&Plan type (item 1)", None))
        self.submissionLabel.setText(QCoreApplication.translate("PayerDialog", u"Claims go &by", None))
        self.ediIdLabel.setText(QCoreApplication.translate("PayerDialog", u"Pa&yer ID", None))
        self.ediIdEdit.setPlaceholderText(QCoreApplication.translate("PayerDialog", u"e.g. 60054 (electronic)", None))
        self.filingSpinLabel.setText(QCoreApplication.translate("PayerDialog", u"Timely &filing (days)", None))
        self.referringCheck.setText(QCoreApplication.translate("PayerDialog", u"Re&quires the referring provider", None))
        self.assignmentCheck.setText(QCoreApplication.translate("PayerDialog", u"Accept assi&gnment (item 27)", None))
        self.addressGroup.setTitle(QCoreApplication.translate("PayerDialog", u"Claim mailing address (paper claims)", None))
        self.line1Label.setText(QCoreApplication.translate("PayerDialog", u"S&treet", None))
        self.line2Label.setText(QCoreApplication.translate("PayerDialog", u"Street line &2", None))
        self.cityLabel.setText(QCoreApplication.translate("PayerDialog", u"&City", None))
        self.stateLabel.setText(QCoreApplication.translate("PayerDialog", u"Stat&e", None))
        self.zipLabel.setText(QCoreApplication.translate("PayerDialog", u"&ZIP code", None))
        self.phoneLabel.setText(QCoreApplication.translate("PayerDialog", u"P&hone", None))
    # retranslateUi

