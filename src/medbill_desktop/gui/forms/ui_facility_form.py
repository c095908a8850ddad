# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'facility_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QGridLayout, QGroupBox, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_FacilityDialog(object):
    def setupUi(self, FacilityDialog):
        if not FacilityDialog.objectName():
            FacilityDialog.setObjectName(u"FacilityDialog")
        FacilityDialog.resize(680, 420)
        self.mainLayout = QVBoxLayout(FacilityDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(FacilityDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.errorLabel = QLabel(FacilityDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.facilityGroup = QGroupBox(FacilityDialog)
        self.facilityGroup.setObjectName(u"facilityGroup")
        self.facilityGrid = QGridLayout(self.facilityGroup)
        self.facilityGrid.setObjectName(u"facilityGrid")
        self.facilityGrid.setHorizontalSpacing(10)
        self.facilityGrid.setVerticalSpacing(8)
        self.nameLabel = QLabel(self.facilityGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.facilityGrid.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(self.facilityGroup)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(60)

        self.facilityGrid.addWidget(self.nameEdit, 0, 1, 1, 3)

        self.npiLabel = QLabel(self.facilityGroup)
        self.npiLabel.setObjectName(u"npiLabel")

        self.facilityGrid.addWidget(self.npiLabel, 1, 0, 1, 1)

        self.npiEdit = QLineEdit(self.facilityGroup)
        self.npiEdit.setObjectName(u"npiEdit")
        self.npiEdit.setMaxLength(10)

        self.facilityGrid.addWidget(self.npiEdit, 1, 1, 1, 1)

        self.posLabel = QLabel(self.facilityGroup)
        self.posLabel.setObjectName(u"posLabel")

        self.facilityGrid.addWidget(self.posLabel, 1, 2, 1, 1)

        self.posEdit = QLineEdit(self.facilityGroup)
        self.posEdit.setObjectName(u"posEdit")
        self.posEdit.setMaxLength(2)

        self.facilityGrid.addWidget(self.posEdit, 1, 3, 1, 1)

        self.line1Label = QLabel(self.facilityGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.facilityGrid.addWidget(self.line1Label, 2, 0, 1, 1)

        self.line1Edit = QLineEdit(self.facilityGroup)
        self.line1Edit.setObjectName(u"line1Edit")
        self.line1Edit.setMaxLength(55)

        self.facilityGrid.addWidget(self.line1Edit, 2, 1, 1, 3)

        self.line2Label = QLabel(self.facilityGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.facilityGrid.addWidget(self.line2Label, 3, 0, 1, 1)

        self.line2Edit = QLineEdit(self.facilityGroup)
        self.line2Edit.setObjectName(u"line2Edit")
        self.line2Edit.setMaxLength(55)

        self.facilityGrid.addWidget(self.line2Edit, 3, 1, 1, 3)

        self.cityLabel = QLabel(self.facilityGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.facilityGrid.addWidget(self.cityLabel, 4, 0, 1, 1)

        self.cityEdit = QLineEdit(self.facilityGroup)
        self.cityEdit.setObjectName(u"cityEdit")
        self.cityEdit.setMaxLength(30)

        self.facilityGrid.addWidget(self.cityEdit, 4, 1, 1, 1)

        self.stateLabel = QLabel(self.facilityGroup)
        self.stateLabel.setObjectName(u"stateLabel")

        self.facilityGrid.addWidget(self.stateLabel, 4, 2, 1, 1)

        self.stateEdit = QLineEdit(self.facilityGroup)
        self.stateEdit.setObjectName(u"stateEdit")
        self.stateEdit.setMaxLength(2)

        self.facilityGrid.addWidget(self.stateEdit, 4, 3, 1, 1)

        self.zipLabel = QLabel(self.facilityGroup)
        self.zipLabel.setObjectName(u"zipLabel")

        self.facilityGrid.addWidget(self.zipLabel, 5, 0, 1, 1)

        self.zipEdit = QLineEdit(self.facilityGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaxLength(10)

        self.facilityGrid.addWidget(self.zipEdit, 5, 1, 1, 1)

        self.phoneLabel = QLabel(self.facilityGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.facilityGrid.addWidget(self.phoneLabel, 5, 2, 1, 1)

        self.phoneEdit = QLineEdit(self.facilityGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(16)

        self.facilityGrid.addWidget(self.phoneEdit, 5, 3, 1, 1)

        self.facilityGrid.setColumnStretch(1, 1)
        self.facilityGrid.setColumnStretch(3, 1)

        self.mainLayout.addWidget(self.facilityGroup)

        self.bottomSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttons = QDialogButtonBox(FacilityDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.npiLabel.setBuddy(self.npiEdit)
        self.posLabel.setBuddy(self.posEdit)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.stateLabel.setBuddy(self.stateEdit)
        self.zipLabel.setBuddy(self.zipEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.npiEdit)
        QWidget.setTabOrder(self.npiEdit, self.posEdit)
        QWidget.setTabOrder(self.posEdit, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.stateEdit)
        QWidget.setTabOrder(self.stateEdit, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.buttons)

        self.retranslateUi(FacilityDialog)

        QMetaObject.connectSlotsByName(FacilityDialog)
    # setupUi

    def retranslateUi(self, FacilityDialog):
        FacilityDialog.setWindowTitle(QCoreApplication.translate("FacilityDialog", u"Service facility", None))
        self.titleLabel.setText(QCoreApplication.translate("FacilityDialog", u"Service facility", None))
        self.facilityGroup.setTitle(QCoreApplication.translate("FacilityDialog", u"Item 32: where services are performed", None))
        self.nameLabel.setText(QCoreApplication.translate("FacilityDialog", u"&Name", None))
        self.npiLabel.setText(QCoreApplication.translate("FacilityDialog", u"N&PI", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("FacilityDialog", u"item 32a (optional)", None))
        self.posLabel.setText(QCoreApplication.translate("FacilityDialog", u"Place of ser&vice", None))
        self.posEdit.setPlaceholderText(QCoreApplication.translate("FacilityDialog", u"e.g. 22", None))
        self.line1Label.setText(QCoreApplication.translate("FacilityDialog", u"S&treet", None))
        self.line2Label.setText(QCoreApplication.translate("FacilityDialog", u"Street line &2", None))
        self.cityLabel.setText(QCoreApplication.translate("FacilityDialog", u"&City", None))
        self.stateLabel.setText(QCoreApplication.translate("FacilityDialog", u"Stat&e", None))
        self.zipLabel.setText(QCoreApplication.translate("FacilityDialog", u"&ZIP code", None))
        self.phoneLabel.setText(QCoreApplication.translate("FacilityDialog", u"P&hone", None))
    # retranslateUi

