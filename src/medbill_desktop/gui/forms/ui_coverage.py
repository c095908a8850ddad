# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'coverage.ui'
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
    QVBoxLayout, QWidget)

class Ui_CoverageDialog(object):
    def setupUi(self, CoverageDialog):
        if not CoverageDialog.objectName():
            CoverageDialog.setObjectName(u"CoverageDialog")
        CoverageDialog.resize(760, 560)
        self.mainLayout = QVBoxLayout(CoverageDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(CoverageDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(CoverageDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setText(u"")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.hintLabel)

        self.errorLabel = QLabel(CoverageDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.insuranceGroup = QGroupBox(CoverageDialog)
        self.insuranceGroup.setObjectName(u"insuranceGroup")
        self.insuranceGrid = QGridLayout(self.insuranceGroup)
        self.insuranceGrid.setObjectName(u"insuranceGrid")
        self.insuranceGrid.setHorizontalSpacing(10)
        self.insuranceGrid.setVerticalSpacing(8)
        self.rankLabel = QLabel(self.insuranceGroup)
        self.rankLabel.setObjectName(u"rankLabel")

        self.insuranceGrid.addWidget(self.rankLabel, 0, 0, 1, 1)

        self.rankCombo = QComboBox(self.insuranceGroup)
        self.rankCombo.setObjectName(u"rankCombo")

        self.insuranceGrid.addWidget(self.rankCombo, 0, 1, 1, 1)

        self.payerLabel = QLabel(self.insuranceGroup)
        self.payerLabel.setObjectName(u"payerLabel")

        self.insuranceGrid.addWidget(self.payerLabel, 0, 2, 1, 1)

        self.payerCombo = QComboBox(self.insuranceGroup)
        self.payerCombo.setObjectName(u"payerCombo")

        self.insuranceGrid.addWidget(self.payerCombo, 0, 3, 1, 1)

        self.memberIdLabel = QLabel(self.insuranceGroup)
        self.memberIdLabel.setObjectName(u"memberIdLabel")

        self.insuranceGrid.addWidget(self.memberIdLabel, 1, 0, 1, 1)

        self.memberIdEdit = QLineEdit(self.insuranceGroup)
        self.memberIdEdit.setObjectName(u"memberIdEdit")
        self.memberIdEdit.setMaxLength(30)

        self.insuranceGrid.addWidget(self.memberIdEdit, 1, 1, 1, 1)

        self.groupLabel = QLabel(self.insuranceGroup)
        self.groupLabel.setObjectName(u"groupLabel")

        self.insuranceGrid.addWidget(self.groupLabel, 1, 2, 1, 1)

        self.groupEdit = QLineEdit(self.insuranceGroup)
        self.groupEdit.setObjectName(u"groupEdit")
        self.groupEdit.setMaxLength(30)

        self.insuranceGrid.addWidget(self.groupEdit, 1, 3, 1, 1)

        self.planLabel = QLabel(self.insuranceGroup)
        self.planLabel.setObjectName(u"planLabel")

        self.insuranceGrid.addWidget(self.planLabel, 2, 0, 1, 1)

        self.planEdit = QLineEdit(self.insuranceGroup)
        self.planEdit.setObjectName(u"planEdit")
        self.planEdit.setMaxLength(60)

        self.insuranceGrid.addWidget(self.planEdit, 2, 1, 1, 1)

        self.copayLabel = QLabel(self.insuranceGroup)
        self.copayLabel.setObjectName(u"copayLabel")

        self.insuranceGrid.addWidget(self.copayLabel, 2, 2, 1, 1)

        self.copayEdit = QLineEdit(self.insuranceGroup)
        self.copayEdit.setObjectName(u"copayEdit")

        self.insuranceGrid.addWidget(self.copayEdit, 2, 3, 1, 1)

        self.fromLabel = QLabel(self.insuranceGroup)
        self.fromLabel.setObjectName(u"fromLabel")

        self.insuranceGrid.addWidget(self.fromLabel, 3, 0, 1, 1)

        self.fromEdit = QLineEdit(self.insuranceGroup)
        self.fromEdit.setObjectName(u"fromEdit")

        self.insuranceGrid.addWidget(self.fromEdit, 3, 1, 1, 1)

        self.toLabel = QLabel(self.insuranceGroup)
        self.toLabel.setObjectName(u"toLabel")

        self.insuranceGrid.addWidget(self.toLabel, 3, 2, 1, 1)

        self.toEdit = QLineEdit(self.insuranceGroup)
        self.toEdit.setObjectName(u"toEdit")

        self.insuranceGrid.addWidget(self.toEdit, 3, 3, 1, 1)

        self.benefitsCheck = QCheckBox(self.insuranceGroup)
        self.benefitsCheck.setObjectName(u"benefitsCheck")
        self.benefitsCheck.setChecked(True)

        self.insuranceGrid.addWidget(self.benefitsCheck, 4, 1, 1, 3)

        self.insuranceGrid.setColumnStretch(1, 1)
        self.insuranceGrid.setColumnStretch(3, 1)

        self.mainLayout.addWidget(self.insuranceGroup)

        self.subscriberGroup = QGroupBox(CoverageDialog)
        self.subscriberGroup.setObjectName(u"subscriberGroup")
        self.subscriberLayout = QVBoxLayout(self.subscriberGroup)
        self.subscriberLayout.setSpacing(8)
        self.subscriberLayout.setObjectName(u"subscriberLayout")
        self.relationGrid = QGridLayout()
        self.relationGrid.setObjectName(u"relationGrid")
        self.relationGrid.setHorizontalSpacing(10)
        self.relationGrid.setVerticalSpacing(8)
        self.relationLabel = QLabel(self.subscriberGroup)
        self.relationLabel.setObjectName(u"relationLabel")

        self.relationGrid.addWidget(self.relationLabel, 0, 0, 1, 1)

        self.relationCombo = QComboBox(self.subscriberGroup)
        self.relationCombo.setObjectName(u"relationCombo")

        self.relationGrid.addWidget(self.relationCombo, 0, 1, 1, 1)

        self.relationGrid.setColumnStretch(1, 1)

        self.subscriberLayout.addLayout(self.relationGrid)

        self.subscriberFrame = QWidget(self.subscriberGroup)
        self.subscriberFrame.setObjectName(u"subscriberFrame")
        self.subscriberGrid = QGridLayout(self.subscriberFrame)
        self.subscriberGrid.setObjectName(u"subscriberGrid")
        self.subscriberGrid.setHorizontalSpacing(10)
        self.subscriberGrid.setVerticalSpacing(8)
        self.subscriberGrid.setContentsMargins(0, 0, 0, 0)
        self.subLastLabel = QLabel(self.subscriberFrame)
        self.subLastLabel.setObjectName(u"subLastLabel")

        self.subscriberGrid.addWidget(self.subLastLabel, 0, 0, 1, 1)

        self.subLastEdit = QLineEdit(self.subscriberFrame)
        self.subLastEdit.setObjectName(u"subLastEdit")
        self.subLastEdit.setMaxLength(35)

        self.subscriberGrid.addWidget(self.subLastEdit, 0, 1, 1, 1)

        self.subFirstLabel = QLabel(self.subscriberFrame)
        self.subFirstLabel.setObjectName(u"subFirstLabel")

        self.subscriberGrid.addWidget(self.subFirstLabel, 0, 2, 1, 1)

        self.subFirstEdit = QLineEdit(self.subscriberFrame)
        self.subFirstEdit.setObjectName(u"subFirstEdit")
        self.subFirstEdit.setMaxLength(35)

        self.subscriberGrid.addWidget(self.subFirstEdit, 0, 3, 1, 1)

        self.subMiddleLabel = QLabel(self.subscriberFrame)
        self.subMiddleLabel.setObjectName(u"subMiddleLabel")

        self.subscriberGrid.addWidget(self.subMiddleLabel, 1, 0, 1, 1)

        self.subMiddleEdit = QLineEdit(self.subscriberFrame)
        self.subMiddleEdit.setObjectName(u"subMiddleEdit")
        self.subMiddleEdit.setMaxLength(35)

        self.subscriberGrid.addWidget(self.subMiddleEdit, 1, 1, 1, 1)

        self.subDobLabel = QLabel(self.subscriberFrame)
        self.subDobLabel.setObjectName(u"subDobLabel")

        self.subscriberGrid.addWidget(self.subDobLabel, 1, 2, 1, 1)

        self.subDobEdit = QLineEdit(self.subscriberFrame)
        self.subDobEdit.setObjectName(u"subDobEdit")

        self.subscriberGrid.addWidget(self.subDobEdit, 1, 3, 1, 1)

        self.subSexLabel = QLabel(self.subscriberFrame)
        self.subSexLabel.setObjectName(u"subSexLabel")

        self.subscriberGrid.addWidget(self.subSexLabel, 2, 0, 1, 1)

        self.subSexCombo = QComboBox(self.subscriberFrame)
        self.subSexCombo.setObjectName(u"subSexCombo")

        self.subscriberGrid.addWidget(self.subSexCombo, 2, 1, 1, 1)

        self.subscriberGrid.setColumnStretch(1, 1)
        self.subscriberGrid.setColumnStretch(3, 1)

        self.subscriberLayout.addWidget(self.subscriberFrame)


        self.mainLayout.addWidget(self.subscriberGroup)

        self.bottomSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttons = QDialogButtonBox(CoverageDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.rankLabel.setBuddy(self.rankCombo)
        self.payerLabel.setBuddy(self.payerCombo)
        self.memberIdLabel.setBuddy(self.memberIdEdit)
        self.groupLabel.setBuddy(self.groupEdit)
        self.planLabel.setBuddy(self.planEdit)
        self.copayLabel.setBuddy(self.copayEdit)
        self.fromLabel.setBuddy(self.fromEdit)
        self.toLabel.setBuddy(self.toEdit)
        self.relationLabel.setBuddy(self.relationCombo)
        self.subLastLabel.setBuddy(self.subLastEdit)
        self.subFirstLabel.setBuddy(self.subFirstEdit)
        self.subMiddleLabel.setBuddy(self.subMiddleEdit)
        self.subDobLabel.setBuddy(self.subDobEdit)
        self.subSexLabel.setBuddy(self.subSexCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.rankCombo, self.payerCombo)
        QWidget.setTabOrder(self.payerCombo, self.memberIdEdit)
        QWidget.setTabOrder(self.memberIdEdit, self.groupEdit)
        QWidget.setTabOrder(self.groupEdit, self.planEdit)
        QWidget.setTabOrder(self.planEdit, self.copayEdit)
        QWidget.setTabOrder(self.copayEdit, self.fromEdit)
        QWidget.setTabOrder(self.fromEdit, self.toEdit)
        QWidget.setTabOrder(self.toEdit, self.benefitsCheck)
        QWidget.setTabOrder(self.benefitsCheck, self.relationCombo)
        QWidget.setTabOrder(self.relationCombo, self.subLastEdit)
        QWidget.setTabOrder(self.subLastEdit, self.subFirstEdit)
        QWidget.setTabOrder(self.subFirstEdit, self.subMiddleEdit)
        QWidget.setTabOrder(self.subMiddleEdit, self.subDobEdit)
        QWidget.setTabOrder(self.subDobEdit, self.subSexCombo)
        QWidget.setTabOrder(self.subSexCombo, self.buttons)

        self.retranslateUi(CoverageDialog)

        QMetaObject.connectSlotsByName(CoverageDialog)
    # setupUi

    def retranslateUi(self, CoverageDialog):
        CoverageDialog.setWindowTitle(QCoreApplication.translate("CoverageDialog", u"Coverage", None))
        self.titleLabel.setText(QCoreApplication.translate("CoverageDialog", u"Coverage", None))
        self.insuranceGroup.setTitle(QCoreApplication.translate("CoverageDialog", u"Insurance card", None))
        self.rankLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Order", None))
        self.payerLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Payer", None))
        self.memberIdLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Member ID", None))
        self.memberIdEdit.setPlaceholderText(QCoreApplication.translate("CoverageDialog", u"as on the card (item 1a)", None))
        self.groupLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Group number", None))
        self.groupEdit.setPlaceholderText(QCoreApplication.translate("CoverageDialog", u"item 11", None))
        self.planLabel.setText(QCoreApplication.translate("CoverageDialog", u"Pla&n name", None))
        self.planEdit.setPlaceholderText(QCoreApplication.translate("CoverageDialog", u"item 11c (optional)", None))
        self.copayLabel.setText(QCoreApplication.translate("CoverageDialog", u"Cop&ay", None))
        self.fromLabel.setText(QCoreApplication.translate("CoverageDialog", u"Effective &from", None))
        self.toLabel.setText(QCoreApplication.translate("CoverageDialog", u"Effective &to", None))
        self.toEdit.setPlaceholderText(QCoreApplication.translate("CoverageDialog", u"open-ended if empty", None))
        self.benefitsCheck.setText(QCoreApplication.translate("CoverageDialog", u"&Benefits assigned to the practice (item 13: signature on file)", None))
        self.subscriberGroup.setTitle(QCoreApplication.translate("CoverageDialog", u"Subscriber: the insured person", None))
        self.relationLabel.setText(QCoreApplication.translate("CoverageDialog", u"Patient's &relationship to the subscriber", None))
        self.subLastLabel.setText(QCoreApplication.translate("CoverageDialog", u"Last name", None))
        self.subFirstLabel.setText(QCoreApplication.translate("CoverageDialog", u"First name", None))
        self.subMiddleLabel.setText(QCoreApplication.translate("CoverageDialog", u"Middle name", None))
        self.subDobLabel.setText(QCoreApplication.translate("CoverageDialog", u"Date of birth", None))
        self.subSexLabel.setText(QCoreApplication.translate("CoverageDialog", u"Sex", None))
    # retranslateUi

